#!/usr/bin/env -S npx tsx
/**
 * Entry point of the `kb` command (`npm run kb -- <command>`, or `kb` through bin/kb.js).
 */
import { consoleOutput } from './output.ts';
import { runKb } from './run-kb.ts';

process.exitCode = await runKb(process.argv.slice(2), consoleOutput());
