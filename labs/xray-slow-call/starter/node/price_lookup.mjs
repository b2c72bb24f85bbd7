// priceLookup: the price of one SKU (starter: asks the slow legacy pricing service).
const LEGACY_PRICES = { "P-1": 42 };

// The old pricing service: about 1.5 seconds per call.
async function legacyPrice(sku) {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return LEGACY_PRICES[sku] ?? null;
}

export const handler = async (event) => {
  const sku = event.sku;
  // TODO: the prices are in the DynamoDB table XRayPrices (key Sku, number attribute Price).
  // Read the price with GetItemCommand instead of calling the slow legacy service.
  const price = await legacyPrice(sku);
  console.log(JSON.stringify({ level: "INFO", message: "priced", sku, price }));
  return { sku, price };
};
