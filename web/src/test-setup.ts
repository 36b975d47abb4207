/** Unit tests of components: Mantine needs matchMedia and ResizeObserver, which happy-dom may lack. */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import './i18n';

afterEach(() => cleanup());

if (!window.matchMedia)
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;

if (!('ResizeObserver' in window))
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
