/**
 * The languages code blocks highlight: the ones system-design writing uses. lowlight's `common` set (37
 * languages) tripled the editor chunk; a block in another language is still a code block, just plain.
 */
import bash from 'highlight.js/lib/languages/bash';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';

export const codeLowlight = () =>
  createLowlight({ bash, go, java, javascript, json, python, rust, sql, typescript, yaml });
