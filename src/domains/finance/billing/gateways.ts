/** The payment gateway adapters billing charges through, by name (the simulator is always there). */
import { SIMULATOR, simulatorGateway, type PaymentGateway } from '../gateways/index.js';
import { billingErrors } from './errors.js';

const gateways = new Map<string, PaymentGateway>([[SIMULATOR, simulatorGateway()]]);

/** Registers a gateway adapter (tests and deployments with a real provider). */
export function registerGateway(gateway: PaymentGateway): void {
  gateways.set(gateway.name, gateway);
}

export function gatewayNamed(name: string): PaymentGateway {
  const gateway = gateways.get(name);
  if (!gateway) throw billingErrors.unknown_gateway(`No payment gateway '${name}'.`);
  return gateway;
}
