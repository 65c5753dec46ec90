// Loads the planner's WebAssembly module. Served from the same folder as the generated files, so the bundle
// works from any sub-path (`public_url = "./"`) and under `script-src 'self' 'wasm-unsafe-eval'`: no inline
// script, no eval. The page references this file as `loader.js?v=<version>`; the same query is passed on to
// the glue and the wasm so a new release is never mixed with cached files of an old one.
const version = new URL(import.meta.url).searchParams.get('v');
const query = version ? `?v=${encodeURIComponent(version)}` : '';
const asset = (name) => new URL(`./${name}${query}`, import.meta.url);

// The output generator (the emitters, a second module) is fetched on first use: the app calls this once
// the plan is no longer empty (src/ui/generator.rs). A failed load is not cached, so a later call retries.
let generator;
globalThis.peeringPlannerLoadOutputs = () =>
  (generator ??= import(asset('peering-planner-outputs.js').href)
    .then(async (module) => {
      await module.default({ module_or_path: asset('peering-planner-outputs_bg.wasm') });
      return { loadPlan: module.load_plan, block: module.block };
    })
    .catch((error) => {
      generator = undefined;
      throw error;
    }));

const { default: init } = await import(asset('peering-planner.js').href);
await init({ module_or_path: asset('peering-planner_bg.wasm') });
