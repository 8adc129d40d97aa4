// The inflater of the Node hosts. The browser build replaces this module with host.web.ts.
export { nodeInflate as inflateHost } from './nodeInflate';
