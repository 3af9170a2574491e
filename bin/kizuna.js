#!/usr/bin/env node
// The bundled CLI, built by `npm ci` (the prepare script) and by `npm start` when the sources changed.
import '../dist/kizuna.mjs';
