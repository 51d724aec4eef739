const createNextIntlPlugin = require('next-intl/plugin');

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

/** @type {import('next').NextConfig} */
module.exports = withNextIntl({
  poweredByHeader: false,
  // Server-only packages with native/wasm parts or dynamic requires: load them from node_modules at run time.
  // chinese-days: its `module` entry is ESM in a package without "type": "module", which Turbopack refuses; Node
  // loads its CommonJS `main` fine.
  serverExternalPackages: [
    'pg',
    'pg-boss',
    'exceljs',
    'nodemailer',
    'bcryptjs',
    'pdfkit',
    'chinese-days',
    '@aws-sdk/client-s3',
  ],
});
