/** The Worker's static assets (the ASSETS binding), read as JSON. */

const ASSET_ORIGIN = 'https://assets.feedwright.internal/';

/** What the Worker needs of its ASSETS binding (a Fetcher); anything that answers requests will do. */
export interface Assets {
  fetch(request: Request): Promise<Response>;
}

/** An asset, read as JSON; a missing file is as much an error as any other failure. */
export async function fetchAsset<T>(assets: Assets, file: string): Promise<T> {
  const found = await fetchAssetIfAny<T>(assets, file);
  if (found === undefined) throw new Error(`asset ${file}: 404 Not Found`);
  return found;
}

/**
 * An asset read as JSON, or undefined when there is no such file (a 404). Any other failure (an
 * error status, a network error, JSON that does not parse) throws: it is not "not found".
 */
export async function fetchAssetIfAny<T>(assets: Assets, file: string): Promise<T | undefined> {
  const response = await assets.fetch(new Request(ASSET_ORIGIN + file));
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`asset ${file}: ${response.status} ${response.statusText}`);
  }
  try {
    return (await response.json()) as T;
  } catch (error) {
    throw new Error(`asset ${file}: not JSON`, { cause: error });
  }
}
