import { settingsMarkdown } from '../src/config-docs.js';

// `npm run docs:settings`: the settings table for the README, from the schema in src/config-schema.ts.
console.log(settingsMarkdown());
