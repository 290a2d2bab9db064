/**
 * One cold start, in a new process: import a bundle, answer one query that reads DynamoDB, and
 * print the milliseconds since the process began (Node's own start-up is the same for both).
 * Arguments: the bundle's path and the event as JSON.
 */
const [bundle, event] = process.argv.slice(2) as [string, string];
const { handler } = (await import(bundle)) as {
  handler: (event: unknown, context: unknown) => Promise<{ statusCode?: number; body?: string }>;
};
const result = await handler(JSON.parse(event), { awsRequestId: 'cold', getRemainingTimeInMillis: () => 10_000 });
const ms = performance.now();
if (result.statusCode !== 200 || !result.body || result.body.includes('"errors"')) {
  process.stderr.write(`cold start answered ${result.statusCode}: ${result.body}\n`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({ ms })}\n`);
