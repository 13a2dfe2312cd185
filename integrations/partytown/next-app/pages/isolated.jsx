// The same page, served cross-origin isolated (next.config.mjs).
export { default } from './index.jsx';
