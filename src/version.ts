/** The wormscope version recorded in every output. Keep in step with package.json. */
export const VERSION = "0.1.0";
