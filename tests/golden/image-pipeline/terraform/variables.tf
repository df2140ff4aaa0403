# Variables: what the design does not say

variable "code_bucket" {
  type = string
  description = "S3 bucket holding the Lambda deployment packages"
}

variable "prefix" {
  type = string
  description = "Prefix of resource names"
  default = "archcanvas"
}

variable "region" {
  type = string
  description = "Region to deploy to"
  default = "eu-west-1"
}

variable "resize_code_key" {
  type = string
  description = "S3 key of the deployment package for resize (Resize images)"
  default = "resize.zip"
}
