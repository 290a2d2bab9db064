import { readConfig } from '../shared/config.ts';
import { createGraphqlHandler } from './app.ts';

/** The Lambda entry: configuration is read and checked once, when the container starts. */
export const handler = createGraphqlHandler(readConfig(process.env));
