// The no-op handler of the pool figure (bench/pool.ts): slsim's pool and raw piscina both run it.
export const handler = async () => null;
