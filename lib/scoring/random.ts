// The seeded PRNG lives below every layer (suites use it for option orders); scoring keeps its name for it.
export { createResampler, createRng, hashString } from "@/lib/random";
