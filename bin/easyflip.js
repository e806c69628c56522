#!/usr/bin/env node
// Runs the TypeScript sources directly: what you cloned is what runs, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
