// The version every process reports (health, the OpenAPI document, the Workers page).
export const ROUNDHOUSE_VERSION = "0.1.0";
