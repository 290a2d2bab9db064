// Stands in for @apollo/utils.createhash in the Lambda bundle. The original hashes with Node's
// crypto only when `module.require` exists, which the bundle's CommonJS wrappers do not give, so
// once bundled it falls back to sha.js, a SHA-256 written in JavaScript, for the hash of every
// document Apollo caches; Node's own crypto is native and already loaded. Same function, same
// digests, and sha.js stays out of the bundle.
const { createHash } = require('node:crypto');

exports.createHash = (kind) => createHash(kind);
