#!/usr/bin/env node
// The `kb` command for the package `bin`: runs the TypeScript entry through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../functions/cli/kb.ts');
