export const ROUNDHOUSE_VERSION = "0.1.0";
