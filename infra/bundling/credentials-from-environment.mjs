// Stands in for @aws-sdk/credential-provider-node in the Lambda bundle. On Lambda the role's
// credentials are in the environment, so the SDK's long chain (SSO, profiles, web identity,
// instance metadata, with their own STS and SSO clients) is never walked past its first link.
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
