// What the e2e global setup (global-server.ts) hands the test files through vitest's
// provide/inject: typed here, imported wherever it is read or written.
declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's app server (support/suite.ts), or '' when Chromium is missing. */
    appServer: { url: string; dataDir: string } | '';
  }
}

export {};
