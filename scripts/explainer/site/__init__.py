"""Site stage: the MkDocs hooks and the steps they run on the built pages."""
