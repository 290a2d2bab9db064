/**
 * `npm run deploy:check [-- --stage dev|prod] [--deployed]`: the update-safety check (see
 * `cli.ts`). Only `--deployed` talks to AWS, with the SDK's usual credentials and region.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { runCheck } from './cli.ts';

try {
  process.exitCode = await runCheck(
    process.argv.slice(2),
    { cloudFormation: () => new CloudFormationClient({}) },
    (line) => console.log(line),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
