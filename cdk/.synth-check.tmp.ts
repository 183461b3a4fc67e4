import { App } from 'aws-cdk-lib';
import { createCdkApp } from './app.ts';
const t0 = Date.now();
const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'dev', corsOrigins: 'https://shop.example', lex: process.env.LEX ?? 'false' }, outdir: '/tmp/cdkout-check' });
createCdkApp(app);
try { app.synth(); console.log('synth ok', Date.now()-t0, 'ms'); } catch (e) { console.log(String((e as Error).stack).slice(0, 20000)); }
