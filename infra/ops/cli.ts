import { parseArgs } from 'node:util';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableIds } from '../../functions/shared/data/tables.ts';
import { stageConfig, stageFromContext } from '../config.ts';
import { parseGraceHours, rotateCursorKey, rotationLines } from './cursor-key.ts';
import { resetAuthenticator } from './mfa.ts';
import { runRestore } from './restore.ts';
import { archiveResources, cursorKeySecretArn, stageResources } from './stage-outputs.ts';
import { addToGroup, checkGroup, createUser, removeFromGroup, setCountry, type GroupName } from './users.ts';
import { verificationLine, verifyAuditTrail } from './verify-audit.ts';
import { verifyArchive } from './verify-archive.ts';
import { initialiseWorkingGroup } from './working-group.ts';

export const usage = `Usage: npm run ops -- <command> --stage dev|prod [options]

  init-data                                 write the working group's profile (once; safe to repeat)
  first-secretariat --email E [--name N]    init-data, then create E in the secretariat group
  create-user --email E [--name N] [--country CC] [--group secretariat|observer]
  promote --email E --group secretariat|observer
  demote --email E --group secretariat|observer      (also signs the user out everywhere)
  set-country --email E --country CC
  reset-mfa --email E                       remove a lost authenticator: the next sign-in sets up a new one
                                            (also signs the user out everywhere)
  verify-audit [--archive]                  walk every audit chain; exit status 1 names the first broken one;
                                            --archive also checks the write-once archive and its signed digests
  rotate-cursor-key [--grace-hours N]       a new key signs cursors; those of the old one stay valid N hours
                                            (default 24, 0 to 168; 0 when the old key leaked)
  restore --table T --to TIME [--copy-back [--dry-run]]
                                            restore table T as it was at TIME (ISO 8601, to the second, with its
                                            offset) into a new table with the live one's settings; --copy-back
                                            puts back what the live table lost since, --dry-run lists the keys
                                            and writes nothing. T: ${tableIds.join(', ')}

The stage's user pool and tables are read from its CloudFormation outputs, in the region and
with the credentials of the AWS SDK's usual sources (AWS_PROFILE, AWS_REGION, ...).`;

/** The AWS clients the commands use; tests hand in mocked ones. */
export interface OpsClients {
  readonly cloudFormation: CloudFormationClient;
  readonly cognito: CognitoIdentityProviderClient;
  readonly dynamo: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly kms: KMSClient;
  readonly secretsManager: SecretsManagerClient;
}

/**
 * Runs one operations command. Everything it does is idempotent, so a command interrupted
 * half-way is simply run again; `rotate-cursor-key` alone rotates again when repeated.
 *
 * @param argv - the arguments after `npm run ops --`
 * @param log - where to report what was done
 * @returns the exit status: 1 when a check found something wrong (its last line says what), else 0
 */
export async function runOps(
  argv: readonly string[],
  clients: OpsClients,
  log: (line: string) => void,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      stage: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      country: { type: 'string' },
      group: { type: 'string' },
      archive: { type: 'boolean' },
      'grace-hours': { type: 'string' },
      table: { type: 'string' },
      to: { type: 'string' },
      'copy-back': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
  });
  const [command, ...extra] = positionals;
  if (!command || extra.length > 0) throw new Error(usage);
  if (!values.stage) throw new Error(`--stage is required\n\n${usage}`);
  const config = stageConfig(stageFromContext(values.stage));
  const resources = await stageResources(clients.cloudFormation, config.stackPrefix);
  const { userPoolId } = resources;
  const email = () => values.email ?? fail('--email is required');
  const group = (): GroupName => {
    const name = values.group ?? fail('--group is required');
    checkGroup(name);
    return name;
  };
  const user = (groups: GroupName[]) => ({
    email: email(),
    ...(values.name ? { name: values.name } : {}),
    ...(values.country ? { country: values.country } : {}),
    groups,
  });
  const initData = async () => {
    const wrote = await initialiseWorkingGroup(clients.dynamo, resources.tableNames);
    log(
      wrote ? `${config.stage}: working group profile written` : `${config.stage}: working group profile already there`,
    );
  };
  const create = async (groups: GroupName[]) => {
    const created = await createUser(clients.cognito, userPoolId, user(groups));
    const where = groups.length > 0 ? ` in ${groups.join(', ')}` : '';
    log(
      created
        ? `${email()} created${where}: an invitation with a temporary password is on its way`
        : `${email()} existed; now${where || ' unchanged'}`,
    );
  };

  switch (command) {
    case 'init-data':
      await initData();
      break;
    case 'first-secretariat':
      await initData();
      await create(['secretariat']);
      break;
    case 'create-user':
      await create(values.group ? [group()] : []);
      break;
    case 'promote':
      await addToGroup(clients.cognito, userPoolId, email(), group());
      log(`${email()} is in ${group()} from their next token (15 minutes at most)`);
      break;
    case 'demote':
      await removeFromGroup(clients.cognito, userPoolId, email(), group());
      log(`${email()} left ${group()} and was signed out everywhere`);
      break;
    case 'set-country':
      await setCountry(clients.cognito, userPoolId, email(), values.country ?? fail('--country is required'));
      log(`${email()} now speaks for ${values.country}`);
      break;
    case 'reset-mfa':
      if (!(await resetAuthenticator(clients.cognito, userPoolId, email()))) {
        fail(`no user ${email()} in the ${config.stage} pool`);
      }
      log(
        `${email()}: authenticator removed and signed out everywhere; at the next sign-in, after the password, ` +
          'they set up a new authenticator app (the old one no longer works); tokens already issued expire within 15 minutes',
      );
      break;
    case 'restore':
      return runRestore(
        clients.dynamo,
        {
          tableNames: resources.tableNames,
          table: values.table ?? fail('--table is required'),
          to: values.to ?? fail('--to is required'),
          copyBack: values['copy-back'] ?? false,
          dryRun: values['dry-run'] ?? false,
        },
        log,
      );
    case 'verify-audit': {
      const result = await verifyAuditTrail(clients.dynamo, resources.tableNames.audit, {
        onBreak: (broken) => log(`broken: ${broken.entity} #${broken.sequence}: ${broken.what}`),
      });
      // The table first: an archive is only worth comparing with chains that hold. The table's
      // line comes last either way, as docs/api.md promises.
      const archive =
        values.archive && result.breaks.length === 0
          ? await verifyArchive(
              clients,
              {
                tableNames: resources.tableNames,
                archive: await archiveResources(clients.cloudFormation, config.stackPrefix),
              },
              log,
            )
          : undefined;
      if (archive) log(archive.line);
      log(verificationLine(result));
      return result.breaks.length > 0 || archive?.ok === false ? 1 : 0;
    }
    case 'rotate-cursor-key': {
      const graceHours = parseGraceHours(values['grace-hours']);
      const secretArn = await cursorKeySecretArn(clients.cloudFormation, config.stackPrefix);
      const rotation = await rotateCursorKey(clients.secretsManager, secretArn, { graceHours, now: new Date() });
      for (const line of rotationLines(config.stage, rotation)) log(line);
      break;
    }
    default:
      throw new Error(`unknown command ${JSON.stringify(command)}\n\n${usage}`);
  }
  return 0;
}

function fail(message: string): never {
  throw new Error(message);
}
