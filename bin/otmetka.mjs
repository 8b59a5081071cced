#!/usr/bin/env node
// The otmetka command: runs the TypeScript CLI through tsx (see docs/decisions/002-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
