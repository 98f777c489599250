/**
 * CDK entry (cdk.json: `npx tsx infra/app.ts`). The CLI sets CDK_OUTDIR, so the app
 * synthesizes itself when the process ends.
 */
import { createEntenteApp } from './entente-app.js';

createEntenteApp();
