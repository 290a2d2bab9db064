/**
 * `npm run deploy:accept [-- --stage dev|prod]`: records the reviewed templates as released (see
 * `cli.ts`). Offline.
 */
import { runAccept } from './cli.ts';

try {
  process.exitCode = await runAccept(process.argv.slice(2), {}, (line) => console.log(line));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
