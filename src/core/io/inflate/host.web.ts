// The inflater of a browser host; esbuild.mjs resolves './host' here in browser builds.
export { webInflate as inflateHost } from './webInflate';
