/** Entry point: `node --import tsx companion/main.ts serve` (npm run companion). */
import { runCompanionCli } from './cli';

runCompanionCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
