'use client';
import { useEffect, useState } from 'react';

export default function Counter() {
  const [count, setCount] = useState(0);
  // Hydrated: the button counts from now on.
  useEffect(() => void (document.body.dataset.appReady = '1'), []);
  return (
    <button id="count" onClick={() => setCount(count + 1)}>
      {count}
    </button>
  );
}
