"""Build machinery: one input through the stages (pipeline), batches and shards, incremental
builds, progress, the reports, the catalogue, the review page, reprints, output checks."""
