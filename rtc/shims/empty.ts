/** Stands in for Node-only packages the KVS SDK names but a browser never loads (`ws`). */
export default undefined;
