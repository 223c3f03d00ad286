#!/usr/bin/env bash
# Stops console and emulator processes started by `npm start` / Playwright (bracketed patterns avoid matching this script).
pkill -f "[s]tandalone/server.js" || true
pkill -f "[e]mulator/main.ts" || true
pkill -f "[s]cripts/start.mjs" || true
sleep 1
