// The parts of s3rver (a devDependency without its own types) that tests/integration/s3-storage.test.ts uses.
declare module 's3rver' {
  type Options = { port?: number; address?: string; silent?: boolean; directory: string; resetOnClose?: boolean };
  export default class S3rver {
    constructor(options: Options);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
