import Demo from './demo.jsx';

export default function Page() {
  return <Demo heading="App Router" />;
}
