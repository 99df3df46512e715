#!/usr/bin/env node
// Validates a Teams app manifest against Microsoft's official JSON schema for its manifestVersion, as shipped by
// the npm package @microsoft/app-manifest (build/json-schemas/teams/v<version>/MicrosoftTeams.schema.json).
// Localization files listed in localizationInfo (resolved next to the manifest) are validated against the
// MicrosoftTeams.Localization.schema.json of the same version when the package ships one.
//
//   node tests/Teams/js/validate-manifest.js path/to/manifest.json
//
// Exit codes: 0 valid, 1 invalid (errors printed to stderr), 2 usage or environment problem.
'use strict';

const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

function fail(message) {
  process.stderr.write(`validate-manifest: ${message}\n`);
  process.exit(2);
}

function readJson(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read ${file}: ${e.message}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // tolerate a UTF-8 BOM
  try {
    return JSON.parse(text);
  } catch (e) {
    fail(`${file} is not valid JSON: ${e.message}`);
  }
}

// The Teams schemas declare draft-04. Prefer the draft-04 flavour of Ajv (a dependency of @microsoft/app-manifest);
// fall back to plain Ajv 8 without meta-schema validation if it is not installed.
function loadAjv(packageDir) {
  const candidates = [require, createRequire(path.join(packageDir, 'package.json'))];
  for (const req of candidates) {
    try {
      const Ajv04 = req('ajv-draft-04');
      return { Ajv: Ajv04.default || Ajv04, draft04: true };
    } catch (_) {
      /* try the next resolver */
    }
  }
  const Ajv = require('ajv');
  return { Ajv: Ajv.default || Ajv, draft04: false };
}

function compile(schemaFile, ajvInfo, addFormats) {
  const schema = readJson(schemaFile);
  if (!ajvInfo.draft04) delete schema.$schema;
  const ajv = new ajvInfo.Ajv({
    allErrors: true,
    strict: false, // the official schemas use keywords next to $ref and other constructs strict mode rejects
    // some patterns in the official schemas (e.g. "\\b]" in the localization schema) are only valid without the
    // RegExp "u" flag, which Ajv adds by default
    unicodeRegExp: false,
    validateSchema: ajvInfo.draft04,
  });
  addFormats(ajv);
  try {
    return ajv.compile(schema);
  } catch (e) {
    fail(`cannot compile ${schemaFile}: ${e.message}`);
  }
}

function report(label, validate) {
  for (const err of validate.errors || []) {
    const where = err.instancePath || '(root)';
    const extra = err.params && Object.keys(err.params).length ? ` ${JSON.stringify(err.params)}` : '';
    process.stderr.write(`${label}: ${where} ${err.message}${extra}\n`);
  }
}

function main() {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0] === '-h' || args[0] === '--help') {
    process.stderr.write('usage: node validate-manifest.js <manifest.json>\n');
    process.exit(2);
  }
  const manifestFile = path.resolve(args[0]);
  const manifest = readJson(manifestFile);
  const version = manifest && manifest.manifestVersion;
  if (typeof version !== 'string' || !/^(\d+\.\d+|devPreview|m365DevPreview)$/.test(version)) {
    process.stderr.write(`${manifestFile}: manifestVersion is missing or not a known version: ${JSON.stringify(version)}\n`);
    process.exit(1);
  }

  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  } catch (e) {
    fail('npm package @microsoft/app-manifest not found (run npm ci at the repository root)');
  }
  const folder = /^\d/.test(version) ? `v${version}` : 'vDevPreview';
  const schemaDir = path.join(packageDir, 'build', 'json-schemas', 'teams', folder);
  const manifestSchema = path.join(schemaDir, 'MicrosoftTeams.schema.json');
  if (!fs.existsSync(manifestSchema)) {
    process.stderr.write(`${manifestFile}: @microsoft/app-manifest ships no schema for manifestVersion ${version} (${manifestSchema})\n`);
    process.exit(1);
  }

  const ajvInfo = loadAjv(packageDir);
  const addFormatsModule = require('ajv-formats');
  const addFormats = addFormatsModule.default || addFormatsModule;

  let ok = true;
  const validateManifest = compile(manifestSchema, ajvInfo, addFormats);
  if (!validateManifest(manifest)) {
    ok = false;
    report(path.basename(manifestFile), validateManifest);
  }

  const locInfo = manifest.localizationInfo || {};
  const locFiles = [];
  if (typeof locInfo.defaultLanguageFile === 'string') locFiles.push(locInfo.defaultLanguageFile);
  for (const lang of Array.isArray(locInfo.additionalLanguages) ? locInfo.additionalLanguages : []) {
    if (lang && typeof lang.file === 'string') locFiles.push(lang.file);
  }
  const locSchema = path.join(schemaDir, 'MicrosoftTeams.Localization.schema.json');
  if (locFiles.length > 0) {
    const validateLoc = fs.existsSync(locSchema) ? compile(locSchema, ajvInfo, addFormats) : null;
    for (const rel of locFiles) {
      const file = path.resolve(path.dirname(manifestFile), rel);
      if (!fs.existsSync(file)) {
        ok = false;
        process.stderr.write(`${path.basename(manifestFile)}: localization file ${rel} does not exist next to the manifest\n`);
        continue;
      }
      const loc = readJson(file);
      if (validateLoc && !validateLoc(loc)) {
        ok = false;
        report(rel, validateLoc);
      }
    }
  }

  if (!ok) {
    process.stderr.write(`INVALID against teams/${folder} schema\n`);
    process.exit(1);
  }
  process.stdout.write(`valid: ${path.basename(manifestFile)} against teams/${folder}/MicrosoftTeams.schema.json` +
    (locFiles.length ? ` (+ ${locFiles.length} localization file(s))` : '') +
    (ajvInfo.draft04 ? '' : ' [ajv without draft-04 meta-schema]') + '\n');
}

main();
