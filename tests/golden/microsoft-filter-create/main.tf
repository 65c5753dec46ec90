# ExpressRoute peerings of circuit MyCircuit (resource group ExpressRouteResourceGroup), from the
# ExpressRoute Peering Planner.
# Terraform >= 1.6 and hashicorp/azurerm 4.51 or a later 4.x: terraform init, then terraform plan;
# read the plan before you apply.
# The circuit is read, never managed: a peering in the same apply as a new circuit fails while the
# provider has not provisioned it (terraform-provider-azurerm #5342), so every peering checks that
# first.

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

resource "azurerm_route_filter" "microsoft_ipv4" {
  # Route filter ExchangeWestEurope, created by this plan. Compare the communities with `az network
  # route-filter rule list-service-communities`.
  name                = "ExchangeWestEurope"
  resource_group_name = "ExpressRouteResourceGroup"
  location            = "westeurope"
  rule {
    name        = "allow-communities"
    access      = "Allow"
    rule_type   = "Community"
    communities = ["12076:5010", "12076:51002", "12076:5060"]
  }
}

resource "azurerm_express_route_circuit_peering" "microsoft" {
  # MicrosoftPeering, created by this plan. If it already exists, the provider stops and asks for an
  # import: it never overwrites a live peering.
  peering_type               = "MicrosoftPeering"
  express_route_circuit_name = data.azurerm_express_route_circuit.circuit.name
  resource_group_name        = data.azurerm_express_route_circuit.circuit.resource_group_name
  peer_asn                   = 12345
  vlan_id                    = 300
  ipv4_enabled               = true
  # No shared key: the plan has none, and azurerm then sends an empty one.
  primary_peer_address_prefix   = "123.0.0.0/30"
  secondary_peer_address_prefix = "123.0.0.4/30"
  route_filter_id               = azurerm_route_filter.microsoft_ipv4.id
  microsoft_peering_config {
    advertised_public_prefixes = ["123.1.0.0/24"]
    routing_registry_name      = "ARIN"
  }
  ipv6 {
    primary_peer_address_prefix   = "2a01:111:f100::/126"
    secondary_peer_address_prefix = "2a01:111:f100::4/126"
    route_filter_id               = azurerm_route_filter.microsoft_ipv4.id
    enabled                       = true
    microsoft_peering {
      advertised_public_prefixes = ["2a01:111:f200::/48"]
      routing_registry_name      = "ARIN"
    }
  }
  lifecycle {
    precondition {
      condition     = data.azurerm_express_route_circuit.circuit.service_provider_provisioning_state == "Provisioned"
      error_message = "Circuit MyCircuit is not provisioned by its connectivity provider yet (service_provider_provisioning_state is not Provisioned): ask the provider to finish, then apply again."
    }
  }
}
