# ExpressRoute peerings of circuit MyCircuit (resource group ExpressRouteResourceGroup), from the
# ExpressRoute Peering Planner.
# Terraform >= 1.6 and hashicorp/azurerm 4.51 or a later 4.x: terraform init, then terraform plan;
# read the plan before you apply.
# The circuit is read, never managed: a peering in the same apply as a new circuit fails while the
# provider has not provisioned it (terraform-provider-azurerm #5342), so every peering checks that
# first.
# The plan names no subscription: azurerm takes ARM_SUBSCRIPTION_ID, or the Azure CLI's current one.

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.51"
    }
  }
}

provider "azurerm" {
  features {}
}

data "azurerm_express_route_circuit" "circuit" {
  name                = "MyCircuit"
  resource_group_name = "ExpressRouteResourceGroup"
}

resource "azurerm_express_route_circuit_peering" "private" {
  # AzurePrivatePeering, created by this plan. If it already exists, the provider stops and asks for
  # an import: it never overwrites a live peering.
  peering_type               = "AzurePrivatePeering"
  express_route_circuit_name = data.azurerm_express_route_circuit.circuit.name
  resource_group_name        = data.azurerm_express_route_circuit.circuit.resource_group_name
  peer_asn                   = 4200000010
  vlan_id                    = 210
  ipv4_enabled               = false
  # No shared key: the plan has none, and azurerm then sends an empty one.
  ipv6 {
    primary_peer_address_prefix   = "fd00:20::/126"
    secondary_peer_address_prefix = "fd00:20::4/126"
    enabled                       = true
  }
  lifecycle {
    precondition {
      condition     = data.azurerm_express_route_circuit.circuit.service_provider_provisioning_state == "Provisioned"
      error_message = "Circuit MyCircuit is not provisioned by its connectivity provider yet (service_provider_provisioning_state is not Provisioned): ask the provider to finish, then apply again."
    }
  }
}
