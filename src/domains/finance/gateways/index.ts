/** Payment gateways: the interface, the simulator, and the PIX / boleto / card building blocks. */
export * from './gateway.js';
export { simulatorGateway, simulatorEvent, SIMULATOR, DEFAULT_SIMULATOR_SECRET } from './simulator.js';
export { pixPayload, parsePixPayload, pixQrDataUrl, crc16 } from './pix.js';
export { makeBoleto, barcodeFromLine, boletoFromBarcode, mod10, mod11, dueFactor } from './boleto.js';
export { luhnValid, TEST_CARDS } from './card.js';
export { GATEWAY_SIGNATURE_HEADER, signPayload, verifySignature, TOLERANCE_SECONDS } from './signature.js';
