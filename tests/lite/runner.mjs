// xlwings Lite's path for xl_addin, in Pyodide under Node: `node runner.mjs JOB.json` prints one JSON line.
//
// The job (tests/lite/harness.py writes it) names the wheels and files to copy into Pyodide's file
// system, the environment Lite sets (XLWINGS_ON_SERVER), the pytest arguments, main.py's text and
// the requests to send. Everything is local: the npm package pyodide (package.json) holds the
// runtime, micropip and packaging are loaded from job.package_cache_dir (wheels fetched by pip
// beforehand), and every network request is refused and recorded, so a hidden download fails the test.
// Python's own output goes to stderr; stdout carries only the result.
import fs from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";

const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
process.on("uncaughtException", (error) => {
  // the message only: Node would print a line of the minified runtime (megabytes) around it
  process.stderr.write(`runner.mjs: ${error?.message ?? error}\n`);
  process.exit(1);
});
const refused = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (resource, options) => {
  const url = String(resource?.url ?? resource);
  if (/^[a-z]+:\/\//i.test(url) && !url.startsWith("file://")) {
    refused.push(url);
    throw new Error(`tests/lite: no network at test time (${url})`);
  }
  return realFetch(resource, options);
};
const log = (line) => process.stderr.write(line + "\n");
const seconds = (since) => (performance.now() - since) / 1000;
const timings = {};
const out = { refused };

let since = performance.now();
const pyodide = await loadPyodide({
  packageCacheDir: job.package_cache_dir,
  env: job.env,
  stdout: log,
  stderr: log,
});
for (const stream of ["setStdout", "setStderr"]) {
  pyodide[stream]({
    write: (bytes) => {
      process.stderr.write(bytes);
      return bytes.length;
    },
  });
}
await pyodide.loadPackage("micropip", { messageCallback: log, errorCallback: log });
timings.start = seconds(since);
out.python = pyodide.runPython("import sys; sys.version.split()[0]");
out.pyodide = pyodide.version;

for (const [target, source] of Object.entries(job.files)) {
  pyodide.FS.mkdirTree(path.posix.dirname(target));
  pyodide.FS.writeFile(target, fs.readFileSync(source));
}
pyodide.runPython(fs.readFileSync(job.module, "utf8"), { filename: "in_pyodide.py" });
const py = (name) => pyodide.globals.get(name);
const plain = (proxy) => {
  const value = proxy.toJs({ dict_converter: Object.fromEntries });
  proxy.destroy();
  return value;
};

out.install = plain(await py("install")(job.xlwings_wheel, job.project_wheel));
timings.install = out.install.seconds;
if (job.pytest) {
  out.pytest = plain(await py("run_pytest")(job.pytest.wheels, job.pytest.repo, job.pytest.args));
}
out.register = plain(py("register")(job.main_source));
timings.register = out.register.seconds;

const call = py("call");
const body = (request) => ({
  client: "Office.js",
  func_name: request.name,
  args: request.args,
  caller_address: "Excel[Книга1.xlsx]Лист1!B2",
  culture_info_name: "ru-RU",
  date_format: "dd.MM.yyyy",
  version: out.register.xlwings,
  runtime: "1.4",
});
out.results = [];
for (const request of job.requests) {
  out.results.push(await call(body(request)));
}
if (job.repeat) {
  // the benchmark: one request again and again, each a full round trip JS → Python → JS
  const request = body(job.repeat.request);
  since = performance.now();
  await call(request);
  timings.one_call = seconds(since);
  since = performance.now();
  for (let i = 0; i < job.repeat.times; i += 1) {
    await call(request);
  }
  timings.calls = seconds(since);
}
out.timings = timings;
process.stdout.write(JSON.stringify(out) + "\n");
