#!/usr/bin/env node
// The `schola` command. Schola runs its TypeScript sources through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
