"""Response shapes of the catalogue API."""

from pydantic import BaseModel, ConfigDict


class CostIndexRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    name: str
    unit: str
    category: str
