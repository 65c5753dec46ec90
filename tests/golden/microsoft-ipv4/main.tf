# ExpressRoute peerings of circuit MyCircuit (resource group ExpressRouteResourceGroup), from the
# ExpressRoute Peering Planner.
# Terraform >= 1.6 and hashicorp/azurerm 4.51 or a later 4.x: terraform init, then terraform plan;
# read the plan before you apply.
# The circuit is read, never managed: a peering in the same apply as a new circuit fails while the
# provider has not provisioned it (terraform-provider-azurerm #5342), so every peering checks that
# first.
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
  description = "The BGP MD5 shared key of MicrosoftPeering: 1-25 letters and digits. Set it with TF_VAR_er_shared_key_microsoft, never in a file."
  type        = string
  sensitive   = true
  validation {
    condition     = can(regex("^[A-Za-z0-9]{1,25}$", var.er_shared_key_microsoft))
    error_message = "er_shared_key_microsoft must be 1-25 letters and digits (A-Z, a-z, 0-9): ExpressRoute accepts no other characters."
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
  # azurerm sends shared_key when it creates the peering (an empty key when unset) and whenever the
  # argument changes, and never reads the key back: keep it set to the peering's key, or an apply
  # can remove it (terraform-provider-azurerm #12148).
  shared_key                    = var.er_shared_key_microsoft
  primary_peer_address_prefix   = "123.0.0.0/30"
  secondary_peer_address_prefix = "123.0.0.4/30"
  route_filter_id               = "/subscriptions/bbbb1b1b-cc2c-dd3d-ee4e-ffffff5f5f5f/resourceGroups/Filters-RG/providers/Microsoft.Network/routeFilters/MyRouteFilter"
  microsoft_peering_config {
    advertised_public_prefixes = ["123.1.0.0/24", "123.2.0.0/23"]
    customer_asn               = 396982
    routing_registry_name      = "ARIN"
  }
  lifecycle {
    precondition {
      condition     = data.azurerm_express_route_circuit.circuit.service_provider_provisioning_state == "Provisioned"
      error_message = "Circuit MyCircuit is not provisioned by its connectivity provider yet (service_provider_provisioning_state is not Provisioned): ask the provider to finish, then apply again."
    }
  }
}
