#!/usr/bin/env node
// The feedwright command. dist/cli.js is bundled from src/ by `npm run build` (run by npm install).
import '../dist/cli.js';
