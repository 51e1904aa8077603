/** Pure editing commands over the design document: each returns a new design or a refusal. */
export * from './result';
export * from './add';
export * from './move-device';
export * from './connect';
export * from './rename';
export * from './fields';
export * from './delete';
export * from './duplicate';
export { findDevice, findNamespace, childrenOf, portsOf } from './lookup';
export * from './tests';
export * from './lab';
