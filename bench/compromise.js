// compromise.js runs the job cograph does with the compromise NLP library
// (npm), for the side-by-side speed comparison in bench/run.sh: read
// every article under a folder, find the people, organizations and places
// each names, count co-mentions per article, and write the graph as
// node-link JSON. Usage: node compromise.js DIR OUT.json
'use strict';
const fs = require('fs');
const path = require('path');
const nlp = require('compromise');

function files(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.(txt|md)$/i.test(e.name)) out.push(p);
  }
  return out;
}

const [dir, outFile] = process.argv.slice(2);
const nodes = new Map(); // key -> {id, label, type, mentions, documents}
const links = new Map(); // "a|b" -> {source, target, weight}
for (const f of files(dir)) {
  const doc = nlp(fs.readFileSync(f, 'utf8'));
  const seen = new Set();
  for (const [type, view] of [['person', doc.people()], ['organization', doc.organizations()], ['place', doc.places()]]) {
    for (const text of view.out('array')) {
      const label = text.replace(/[.,;:!?'"’]+$/g, '').trim();
      if (!label) continue;
      const key = label.toLowerCase();
      let n = nodes.get(key);
      if (!n) nodes.set(key, (n = { id: 'n' + nodes.size, label, type, mentions: 0, documents: 0 }));
      n.mentions++;
      if (!seen.has(n.id)) n.documents++;
      seen.add(n.id);
    }
  }
  const ids = [...seen].sort();
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const k = ids[i] + '|' + ids[j];
      const l = links.get(k) || { source: ids[i], target: ids[j], weight: 0 };
      l.weight++;
      links.set(k, l);
    }
  }
}
fs.writeFileSync(outFile, JSON.stringify({ directed: false, multigraph: false, graph: {}, nodes: [...nodes.values()], links: [...links.values()] }));
