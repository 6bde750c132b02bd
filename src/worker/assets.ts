/** The Worker's static assets (the ASSETS binding), read as JSON. */

const ASSET_ORIGIN = 'https://assets.feedwright.internal/';

/** What the Worker needs of its ASSETS binding (a Fetcher); anything that answers requests will do. */
export interface Assets {
  fetch(request: Request): Promise<Response>;
}

export async function fetchAsset<T>(assets: Assets, file: string): Promise<T> {
  const response = await assets.fetch(new Request(ASSET_ORIGIN + file));
  if (!response.ok) throw new Error(`asset ${file}: ${response.status} ${response.statusText}`);
  return (await response.json()) as T;
}
