# ExpressRoute peerings of circuit MyCircuit (resource group ExpressRouteResourceGroup), from the
# ExpressRoute Peering Planner.
# Terraform >= 1.6 and hashicorp/azurerm 4.51 or a later 4.x: terraform init, then terraform plan;
# read the plan before you apply.
# The circuit is read, never managed: a peering in the same apply as a new circuit fails while the
# provider has not provisioned it (terraform-provider-azurerm #5342), so every peering checks that
# first.
# Change mode: the import blocks adopt the live peerings (IDs end in /peerings/<peering type>), so
# the first plan shows the minimal diff. A live peering this plan leaves out is not managed here,
# and Terraform leaves it as it is.
# Shared keys come from sensitive variables: export TF_VAR_er_shared_key_microsoft (read without
# echo) before terraform plan.

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
  subscription_id = "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e"
  features {}
}

data "azurerm_express_route_circuit" "circuit" {
  name                = "MyCircuit"
  resource_group_name = "ExpressRouteResourceGroup"
}

variable "er_shared_key_microsoft" {
  description = "The shared key MicrosoftPeering uses today (Azure never returns it), or \"\" when it has none. Terraform sends the key on every apply: a wrong value changes the key and resets BGP."
  type        = string
  sensitive   = true
  validation {
    condition     = can(regex("^[A-Za-z0-9]{0,25}$", var.er_shared_key_microsoft))
    error_message = "er_shared_key_microsoft must be 0-25 letters and digits (A-Z, a-z, 0-9): ExpressRoute accepts no other characters."
  }
}

resource "azurerm_express_route_circuit_peering" "microsoft" {
  # MicrosoftPeering is live: the import below adopts it; the first plan shows only what this plan
  # edits.
  peering_type               = "MicrosoftPeering"
  express_route_circuit_name = data.azurerm_express_route_circuit.circuit.name
  resource_group_name        = data.azurerm_express_route_circuit.circuit.resource_group_name
  peer_asn                   = 12345
  vlan_id                    = 300
  ipv4_enabled               = true
  # azurerm sends shared_key when it creates the peering (an empty key when unset) and whenever the
  # argument changes, and never reads the key back: keep it set to the peering's key, or an apply
  # can remove it (terraform-provider-azurerm #12148).
  shared_key                    = var.er_shared_key_microsoft != "" ? var.er_shared_key_microsoft : null
  primary_peer_address_prefix   = "123.0.0.0/30"
  secondary_peer_address_prefix = "123.0.0.4/30"
  route_filter_id               = "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/MyRouteFilter"
  microsoft_peering_config {
    advertised_public_prefixes = ["123.1.0.0/24", "123.2.0.0/24", "123.3.0.0/25"]
    routing_registry_name      = "RIPENCC"
  }
  ipv6 {
    primary_peer_address_prefix   = "2a01:111:f100::/126"
    secondary_peer_address_prefix = "2a01:111:f100::4/126"
    route_filter_id               = "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/RouteFilterV6"
    enabled                       = true
    microsoft_peering {
      advertised_public_prefixes = ["2a01:111:f200::/48", "2a01:111:f300::/48"]
      customer_asn               = 31337
      routing_registry_name      = "RIPENCC"
    }
  }
  lifecycle {
    precondition {
      condition     = data.azurerm_express_route_circuit.circuit.service_provider_provisioning_state == "Provisioned"
      error_message = "Circuit MyCircuit is not provisioned by its connectivity provider yet (service_provider_provisioning_state is not Provisioned): ask the provider to finish, then apply again."
    }
  }
}

import {
  to = azurerm_express_route_circuit_peering.microsoft
  id = "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/expressRouteCircuits/MyCircuit/peerings/MicrosoftPeering"
}
