/** True in every `vite build` output, false in the dev server (vite.config.ts `define`). */
declare const __REGISTER_SW__: boolean;
